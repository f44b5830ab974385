"""Pages of the shell: home, global search, audit trail, background jobs, calendar, errors."""

from datetime import date

import holidays
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from phoihop.accounts.policies import can_view_audit
from phoihop.core import services
from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import back_with_success, bad_request_response
from phoihop.core.jobs import job_start
from phoihop.core.models import CalendarException, Job
from phoihop.core.paging import capped_count, keyset_page
from phoihop.core.plugins import home_widgets
from phoihop.core.policies import can_edit_calendar
from phoihop.core.scoping import get_visible_or_404
from phoihop.core.selectors import AuditFilter, audit_list
from phoihop.organisations.selectors import admin_unit_search, organisation_search

from .forms import AuditFilterForm, CalendarExceptionForm

SEARCH_LIMIT = 20
PAGE_SIZE = 50


@login_required
def home(request):
    """Every card of the home page is a widget some app contributes (`core.plugins`)."""
    return render(request, "site/home.html", {"widgets": home_widgets(actor=request.actor)})


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query}
    if query:
        bodies = organisation_search(actor=request.actor, query=query)
        units = admin_unit_search(query=query)
        context |= {
            "bodies": bodies[:SEARCH_LIMIT],
            "bodies_count": capped_count(bodies),
            "units": units[:SEARCH_LIMIT],
            "units_count": capped_count(units),
        }
    template = "site/_search_results.html" if request.htmx else "site/search.html"
    return render(request, template, context)


def _audit_form(request):
    ensure(can_view_audit(request.actor), "Chỉ cán bộ kiểm tra và quản trị được xem nhật ký.")
    return AuditFilterForm(request.GET or None, actor=request.actor)


@login_required
def audit(request):
    form = _audit_form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "site/audit.html", {"form": form, "entries": None}, status=400)
    filters = form.to_filter() if form.is_bound else AuditFilter()
    entries = keyset_page(
        request, audit_list(actor=request.actor, filters=filters), key="timestamp", size=PAGE_SIZE
    )
    return render(request, "site/audit.html", {"form": form, "entries": entries})


@login_required
@require_POST
def audit_export(request):
    form = AuditFilterForm(request.POST, actor=request.actor)
    ensure(can_view_audit(request.actor), "Chỉ cán bộ kiểm tra và quản trị được xuất nhật ký.")
    if not form.is_valid():
        return render(request, "site/audit.html", {"form": form, "entries": None}, status=400)
    job = job_start(
        actor=request.actor,
        kind="audit_export",
        title="Xuất nhật ký ra Excel",
        params=form.to_filter().as_params(),
    )
    return redirect(job)


@login_required
def job_detail(request, pk: int):
    job = get_visible_or_404(Job, request.actor, pk=pk)
    template = "site/_job_progress.html" if request.htmx else "site/job.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk: int):
    job = get_visible_or_404(Job, request.actor, pk=pk)
    if not job.result:
        raise Http404("Tệp chưa sẵn sàng")
    filename = job.result.name.rsplit("/", 1)[-1]
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=filename)


@login_required
def calendar(request):
    year = _year(request.GET.get("nam"))
    form = CalendarExceptionForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return _calendar_page(request, year, form, status=400)
        try:
            services.calendar_exception_add(actor=request.actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return _calendar_page(request, year, form, status=400)
        return back_with_success(
            request,
            "Đã lưu ngày nghỉ / làm bù.",
            f"{request.path}?nam={form.cleaned_data['day'].year}",
        )
    return _calendar_page(request, year, form)


def _calendar_page(request, year: int, form, status: int = 200):
    context = {
        "year": year,
        "form": form,
        "can_edit": can_edit_calendar(request.actor),
        "public_holidays": sorted(
            holidays.country_holidays("VN", years=year, language="vi").items()
        ),
        "exceptions": CalendarException.objects.filter(day__year=year),
    }
    return render(request, "site/calendar.html", context, status=status)


def _year(raw: str | None) -> int:
    try:
        year = int(raw or date.today().year)
    except ValueError:
        return date.today().year
    return year if 2000 <= year <= 2100 else date.today().year


@login_required
@require_POST
def calendar_exception_remove(request, pk: int):
    exception = CalendarException.objects.filter(pk=pk).first()
    if exception is None:
        raise Http404("Không tìm thấy")
    services.calendar_exception_remove(actor=request.actor, exception=exception)
    return back_with_success(
        request,
        "Đã xóa ngày nghỉ / làm bù.",
        f"{reverse('core:calendar')}?nam={exception.day.year}",
    )


def permission_denied(request, exception=None):
    message = str(exception) if isinstance(exception, PermissionDenied) and str(exception) else ""
    return render(request, "errors/403.html", {"message": message}, status=403)


GENERIC_BAD_REQUEST = (
    "Yêu cầu có dữ liệu không đọc được. Không có gì bị thay đổi; vui lòng quay lại và nhập lại."
)


def bad_request(request, exception=None):
    """Django's own 400s, in Vietnamese: chiefly a form whose text is over
    DATA_UPLOAD_MAX_MEMORY_SIZE, refused before any view read it, so nothing changed."""
    message = ""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = (
            f"Nội dung gửi lên quá lớn (phần chữ của một biểu mẫu tối đa {limit} MB). "
            "Không có gì bị thay đổi; hãy rút gọn nội dung hoặc đính kèm văn bản thành tệp."
        )
    return bad_request_response(request, message or GENERIC_BAD_REQUEST)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
