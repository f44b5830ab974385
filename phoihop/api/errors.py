"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    status.HTTP_400_BAD_REQUEST: "Dữ liệu gửi lên không hợp lệ.",
    status.HTTP_401_UNAUTHORIZED: "Chưa đăng nhập hoặc mã truy cập không hợp lệ.",
    status.HTTP_403_FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
    status.HTTP_404_NOT_FOUND: "Không tìm thấy.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Phương thức không được hỗ trợ.",
    status.HTTP_406_NOT_ACCEPTABLE: "Định dạng phản hồi yêu cầu không được hỗ trợ.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "Định dạng dữ liệu không được hỗ trợ.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
}


class ApiError(exceptions.APIException):
    """An error whose detail is the Vietnamese message the client sees as is.

    Subclasses set `status_code`, `default_code` and `default_detail`; `fields` optionally names
    the input fields at fault, in the same {field: [message]} form as validation errors.
    """

    def __init__(self, detail=None, code=None, fields: dict | None = None):
        super().__init__(detail, code)
        self.fields = fields or {}


def _as_drf(exc):
    if isinstance(exc, DjangoValidationError):
        if not hasattr(exc, "error_dict"):
            return exceptions.ValidationError({"non_field_errors": exc.messages})
        # A model's own checks (e.g. a CheckConstraint) file their errors under "__all__".
        detail = {
            "non_field_errors" if field == NON_FIELD_ERRORS else field: messages
            for field, messages in exc.message_dict.items()
        }
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
    if isinstance(exc, ApiError):
        message, fields = str(exc.detail), exc.fields
    return Response(
        {"error": {"code": code, "message": message, "fields": fields}},
        status=response.status_code,
        headers={k: v for k, v in response.items() if k in {"WWW-Authenticate", "Retry-After"}},
    )


# --- The shape, for the OpenAPI schema ----------------------------------------------------------


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định để máy đọc, ví dụ `not_found`.")
    message = serializers.CharField(help_text="Thông báo tiếng Việt cho người dùng.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Lỗi theo từng trường dữ liệu gửi lên: {trường: [thông báo]}.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


_DESCRIPTIONS = {
    400: "Dữ liệu gửi lên không hợp lệ.",
    401: "Chưa đăng nhập hoặc mã truy cập không hợp lệ.",
    403: "Không có quyền.",
    404: "Không tìm thấy hoặc không có quyền xem.",
    429: "Tạm khóa do thử quá nhiều lần.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an operation can answer, all in the one shape."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code]) for code in codes
    }
