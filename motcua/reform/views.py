from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("")
