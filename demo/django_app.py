"""A real Django 3.2 login (Debian's python3-django), for the end-to-end tests: django.contrib.auth's own
LoginView, the default database-backed sessions and CSRF protection, over HTTPS. Logging in as
alice / correct-horse answers 302 with `sessionid` and a rotated `csrftoken`, then /account/ says who is
signed in; /welcome/ leaves a flash message in Django's signed `messages` cookie and redirects there.

Usage: python3 django_app.py PORT CERT KEY
"""
import os
import ssl
import sys
import tempfile

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="django-insecure-demo-key-for-the-tests",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages"],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(tempfile.mkdtemp(), "db.sqlite3")}},
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "registration/login.html": '<!doctype html><title>Log in</title><form method="post">{% csrf_token %}'
                            '{{ form.username }} {{ form.password }}<button type="submit">Log in</button></form>',
                        },
                    )
                ],
            },
        }
    ],
    LOGIN_URL="/login/",
    LOGIN_REDIRECT_URL="/account/",
    SESSION_COOKIE_SECURE=False,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    USE_TZ=True,
)
django.setup()

from django.contrib.auth import views as auth_views  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.urls import path  # noqa: E402


@login_required
def account(request):
    return HttpResponse(f"<!doctype html><title>Account</title><p>Signed in as {request.user.username}</p>")


@login_required
def welcome(request):
    """A flash message, then a redirect: the message waits in Django's signed `messages` cookie."""
    messages.success(request, f"Welcome back, {request.user.username}!")
    return redirect("/account/")


urlpatterns = [
    path("login/", auth_views.LoginView.as_view()),
    path("logout/", auth_views.LogoutView.as_view(next_page="/login/")),
    path("account/", account),
    path("welcome/", welcome),
]

if __name__ == "__main__":
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    call_command("migrate", verbosity=0)
    User.objects.create_user("alice", password="correct-horse")
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    httpd = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=Quiet)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    print(f"listening on https://127.0.0.1:{port}", flush=True)
    httpd.serve_forever()
