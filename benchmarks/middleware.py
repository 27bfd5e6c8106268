from django.db import connection


class QueryCountMiddleware:
    """Say in an `X-Queries` header how many database queries a request made.

    Only the benchmark settings install it, first in the list, so the count
    covers every other middleware too (the session, the user, the login gate).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
