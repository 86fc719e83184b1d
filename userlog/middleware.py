"""Writes the user log entries of a request with one INSERT when its response is done.

Placed after Django's AuthenticationMiddleware (request.user is known; an API token's
user is set by the GraphQL view before the resolvers record). The frontend's in-process
API calls add their entries to this request (userlog.log), so a page is written once.
A spreadsheet export of personal data (userlog.exports) is logged here too.
"""

from . import exports, log


class UserLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = log.begin(request)
        try:
            response = self.get_response(request)
        except BaseException:
            # Whatever was read before the failure is still written.
            log.end(request, token)
            raise
        try:
            exports.log_export(request, response)
        finally:
            log.end(request, token)
        return response
