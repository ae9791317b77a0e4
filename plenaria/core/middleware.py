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
