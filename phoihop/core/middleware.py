"""Refuses NUL bytes in request parameters before any view reads them."""

from .http import bad_request_response, is_api

NUL_MESSAGE = (
    "Dữ liệu gửi lên có ký tự điều khiển không hợp lệ (NUL), thường do dán từ tệp nhị phân. "
    "Không có gì bị thay đổi; vui lòng nhập lại."
)


class RejectNulBytesMiddleware:
    """A NUL byte is never text a person typed, PostgreSQL cannot store it, and SQLite's full-text
    search cuts a query at it. Forms already refuse it field by field; this refuses it, with one
    Vietnamese message, in the parameters that views read directly (a reason, a search box).
    An API body is left to DRF: reading `request.POST` here would parse it before DRF could refuse
    a media type it does not accept, and its serializer fields refuse NUL bytes themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads_form = request.method == "POST" and not is_api(request)
        if self._has_nul(request.GET) or (reads_form and self._has_nul(request.POST)):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(params) -> bool:
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in params.lists()
        )

    @staticmethod
    def _refuse(request):
        return bad_request_response(request, NUL_MESSAGE)
