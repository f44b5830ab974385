"""Pages for dispatches: inbox, outbox, compose, the dispatch page and its actions.

Views parse input and call one service or selector; policies decide every button. An outsider
gets 404 (`get_visible_or_404`), a visible dispatch the actor may not act on gives 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from phoihop.core.attachments import stored_file_download
from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import DOCX, back_with_errors, back_with_success, download_response
from phoihop.core.scoping import get_visible_or_404
from phoihop.documents.dispatch import render_dispatch_docx
from phoihop.incidents.selectors import linkable_incidents

from . import policies, selectors, services
from .forms import AttachmentForm, DispatchForm, FilterForm, ForwardForm, ReasonForm, ReplyForm
from .models import Dispatch, DispatchAttachment, DispatchRecipient

PAGE_SIZE = 30


def _filters(request) -> tuple[FilterForm, selectors.DispatchFilter]:
    form = FilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    return form, selectors.DispatchFilter(
        query=(data.get("q") or "").strip(),
        kind=data.get("kind") or "",
        state=data.get("state") or "",
        urgency=data.get("urgency") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


def _list_context(request, box: str, rows, form, body) -> dict:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if box == "outbox":
        page.object_list = selectors.with_state_counts(page.object_list)
    return {
        "box": box,
        "body": body,
        "page": page,
        "filter_form": form,
        "unread": selectors.unread_count(body=body),
        "can_compose": bool(body and policies.can_issue(request.actor, body)),
        "kinds": Dispatch.Kind.choices,
        "urgencies": Dispatch.Urgency.choices,
        "states": form.fields["state"].choices[1:],
    }


@login_required
def inbox(request):
    body = selectors.acting_body(request.actor)
    form, filters = _filters(request)
    rows = selectors.inbox(actor=request.actor, body=body, filters=filters) if body else []
    context = _list_context(request, "inbox", rows, form, body)
    template = "exchange/_inbox_rows.html" if request.htmx else "exchange/list.html"
    return render(request, template, context)


@login_required
def outbox(request):
    body = selectors.acting_body(request.actor)
    form, filters = _filters(request)
    rows = selectors.outbox(actor=request.actor, body=body, filters=filters) if body else []
    context = _list_context(request, "outbox", rows, form, body)
    template = "exchange/_outbox_rows.html" if request.htmx else "exchange/list.html"
    return render(request, template, context)


def _compose_form(request, issuer, dispatch=None):
    return DispatchForm(
        request.POST or None,
        candidates=selectors.addressable_bodies(actor=request.actor, issuer=issuer),
        programmes=selectors.linkable_programmes(actor=request.actor),
        incidents=linkable_incidents(request.actor),
        initial=selectors.compose_initial(issuer=issuer, dispatch=dispatch),
    )


@login_required
def dispatch_create(request):
    issuer = selectors.acting_body(request.actor)
    ensure(
        issuer is not None and policies.can_issue(request.actor, issuer),
        "Chỉ cán bộ của một cơ quan được soạn công văn của cơ quan mình.",
    )
    form = _compose_form(request, issuer)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch = services.dispatch_create(
                actor=request.actor, issuer=issuer, data=form.data_object()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo công văn. Kiểm tra lại rồi bấm «Gửi».")
            return redirect(dispatch)
    context = {"form": form, "issuer": issuer, "title": "Soạn công văn"}
    return render(request, "exchange/form.html", context, status=400 if form.errors else 200)


@login_required
def dispatch_edit(request, pk: int):
    dispatch = get_visible_or_404(Dispatch.objects.select_related("issuer"), request.actor, pk=pk)
    ensure(policies.can_edit(request.actor, dispatch), "Chỉ sửa được dự thảo của cơ quan mình.")
    form = _compose_form(request, dispatch.issuer, dispatch)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispatch_update(
                actor=request.actor, dispatch=dispatch, data=form.data_object()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect(dispatch)
    context = {
        "form": form,
        "issuer": dispatch.issuer,
        "dispatch": dispatch,
        "title": "Sửa dự thảo",
    }
    return render(request, "exchange/form.html", context, status=400 if form.errors else 200)


def _dispatch(request, pk: int) -> Dispatch:
    return get_visible_or_404(
        Dispatch.objects.select_related("issuer", "in_reply_to__issuer", "programme", "task"),
        request.actor,
        pk=pk,
    )


@login_required
def dispatch_detail(request, pk: int):
    dispatch = _dispatch(request, pk)
    page = selectors.dispatch_page(actor=request.actor, dispatch=dispatch)
    if page.mine is not None and services.recipient_mark_read(
        actor=request.actor, recipient=page.mine
    ):
        page = selectors.dispatch_page(actor=request.actor, dispatch=dispatch)
    context = selectors.dispatch_detail_context(actor=request.actor, page=page)
    context |= {
        "attachment_form": AttachmentForm() if page.can_edit else None,
        "cancel_form": ReasonForm() if page.can_edit else None,
        "forward_form": ForwardForm(candidates=context["forward_candidates"])
        if page.can_forward
        else None,
        "reply_form": ReplyForm(initial={"numbering": Dispatch.Numbering.SYSTEM})
        if page.can_reply
        else None,
    }
    return render(request, "exchange/detail.html", context)


def _form_errors(form) -> ValidationError:
    return ValidationError([e for errors in form.errors.values() for e in errors])


@login_required
@require_POST
def dispatch_send(request, pk: int):
    dispatch = _dispatch(request, pk)
    try:
        rows = services.dispatch_send(actor=request.actor, dispatch=dispatch)
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    failed = [r for r in rows if r.state == DispatchRecipient.State.FAILED]
    if failed:
        messages.warning(
            request,
            f"Đã gửi đến {len(rows) - len(failed)}/{len(rows)} nơi nhận; "
            f"không gửi được đến {len(failed)} nơi (xem lý do bên dưới).",
        )
    else:
        messages.success(request, f"Đã gửi đến {len(rows)} nơi nhận.")
    return redirect(dispatch)


@login_required
@require_POST
def dispatch_resend(request, pk: int):
    dispatch = _dispatch(request, pk)
    try:
        rows = services.dispatch_resend(actor=request.actor, dispatch=dispatch)
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    done = sum(r.is_received for r in rows)
    messages.info(request, f"Gửi lại {len(rows)} nơi nhận: {done} nơi đã nhận được.")
    return redirect(dispatch)


@login_required
@require_POST
def dispatch_cancel(request, pk: int):
    dispatch = _dispatch(request, pk)
    try:
        services.dispatch_cancel(
            actor=request.actor, dispatch=dispatch, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    return back_with_success(request, "Đã hủy dự thảo.", dispatch)


@login_required
@require_POST
def attachment_add(request, pk: int):
    dispatch = _dispatch(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return back_with_errors(request, _form_errors(form), dispatch)
    try:
        services.attachment_add(
            actor=request.actor,
            dispatch=dispatch,
            file=form.cleaned_data["file"],
            title=form.cleaned_data.get("title") or "",
        )
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    return back_with_success(request, "Đã đính kèm tệp.", dispatch)


@login_required
def dispatch_docx(request, pk: int):
    """The dispatch as an official letter in its issuer's format (DOCX)."""
    dispatch = _dispatch(request, pk)
    return download_response(
        render_dispatch_docx(dispatch), filename=f"cong-van-{dispatch.pk}.docx", content_type=DOCX
    )


@login_required
def attachment_download(request, pk: int):
    return stored_file_download(get_visible_or_404(DispatchAttachment, request.actor, pk=pk))


def _mine(request, dispatch: Dispatch) -> DispatchRecipient:
    recipients = list(dispatch.recipients.select_related("organisation"))
    mine = policies.own_recipient(request.actor, recipients)
    ensure(mine is not None, "Cơ quan của bạn không phải nơi nhận công văn này.")
    return mine


@login_required
@require_POST
def recipient_acknowledge(request, pk: int):
    dispatch = _dispatch(request, pk)
    try:
        services.recipient_acknowledge(actor=request.actor, recipient=_mine(request, dispatch))
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    return back_with_success(request, "Đã tiếp nhận công văn.", dispatch)


@login_required
def dispatch_reply(request, pk: int):
    dispatch = _dispatch(request, pk)
    form = ReplyForm(request.POST or None, initial={"numbering": Dispatch.Numbering.SYSTEM})
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.dispatch_reply(
                actor=request.actor, dispatch=dispatch, data=form.data_object()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã gửi văn bản trả lời.")
            return redirect(reply)
    else:
        ensure(
            policies.can_reply(request.actor, _mine(request, dispatch)),
            "Cơ quan của bạn không trả lời được công văn này.",
        )
    context = {"form": form, "dispatch": dispatch, "title": f"Trả lời: {dispatch}"}
    return render(request, "exchange/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def recipient_forward(request, pk: int):
    dispatch = _dispatch(request, pk)
    mine = _mine(request, dispatch)
    candidates = selectors.addressable_bodies(actor=request.actor, issuer=mine.organisation)
    form = ForwardForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return back_with_errors(request, _form_errors(form), dispatch)
    try:
        row = services.recipient_forward(
            actor=request.actor,
            recipient=mine,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return back_with_errors(request, error, dispatch)
    if row.is_received:
        messages.success(request, f"Đã chuyển công văn đến {row.organisation}.")
    else:
        messages.warning(
            request, f"Đã chuyển nhưng {row.organisation} chưa nhận được: {row.failure_reason}"
        )
    return redirect(dispatch)
