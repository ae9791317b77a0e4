from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """pt-BR for everyone; another language only when the person chose it.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to a council employee whose computer happens to be set up in English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class SyncStack:
    """Last in MIDDLEWARE, sync only: it keeps the whole middleware stack in sync mode
    under ASGI. Django's own middleware would otherwise run in async mode and move every
    process_request/process_response to a thread and back, a dozen thread hops per
    request; now the stack runs in one thread and only the view hops — ballots went from
    ~205 to ~290 per second (bench/vote_load.py). Async views (the live stream) still
    run on the event loop."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
