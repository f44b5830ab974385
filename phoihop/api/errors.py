"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    status.HTTP_400_BAD_REQUEST: "Dữ liệu gửi lên không hợp lệ.",
    status.HTTP_401_UNAUTHORIZED: "Chưa đăng nhập hoặc mã truy cập không hợp lệ.",
    status.HTTP_403_FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
    status.HTTP_404_NOT_FOUND: "Không tìm thấy.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Phương thức không được hỗ trợ.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "Định dạng dữ liệu không được hỗ trợ.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
}


def _as_drf(exc):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def exception_handler(exc, context):
    exc = _as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    fields = response.data if isinstance(exc, exceptions.ValidationError) else {}
    if isinstance(fields, list):
        fields = {"non_field_errors": fields}
    message = MESSAGES.get(response.status_code, "Có lỗi xảy ra.")
    if isinstance(exc, exceptions.PermissionDenied) and exc.detail != exc.default_detail:
        message = str(exc.detail)
    return Response(
        {"error": {"code": code, "message": message, "fields": fields}},
        status=response.status_code,
        headers={k: v for k, v in response.items() if k in {"WWW-Authenticate", "Retry-After"}},
    )
