from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200); the page size is fixed per list otherwise."""

    page_size_query_param = "page_size"
    max_page_size = 200
    page_query_description = "Số trang (bắt đầu từ 1)."
    page_size_query_description = "Số dòng mỗi trang (tối đa 200)."
