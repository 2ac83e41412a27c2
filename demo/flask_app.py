"""The demo's Flask app (Debian's python3-flask): Flask's default session cookie, signed with the
tutorial secret 'dev' and made permanent, so Cookie Lens has a real itsdangerous cookie to read.
/login (POST) logs in the way many Flask tutorials do, with every flag left at Flask's defaults: the
session and a Flask-Login style remember_token without Secure, and an API token, a JWT signed with the
secret "secret", readable by scripts. /logout clears them. / also sets a JSON preference cookie, which Werkzeug quotes (RFC 2109).

Usage: python3 flask_app.py PORT CERT KEY
"""
import sys
from datetime import timedelta

import base64
import hashlib
import hmac
import json
import time

from flask import Flask, make_response, redirect, request, session

app = Flask(__name__)
app.secret_key = "dev"
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=31)


@app.route("/")
def index():
    session.permanent = True
    session["user_id"] = 42
    session["roles"] = ("reader", "editor")
    session["visits"] = session.get("visits", 0) + 1
    response = make_response("<!doctype html><title>Flask demo</title><h1>Flask demo</h1><p>Your session lives in the cookie.</p>")
    # JSON in a cookie as Werkzeug writes it: an RFC 2109 quoted string with backslash and octal escapes.
    response.set_cookie("prefs", json.dumps({"theme": "dark", "lang": "fr", "greeting": "héllo"}), max_age=30 * 24 * 3600, samesite="Lax")
    return response


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_hs256(claims, secret):
    """A JWT by hand: the demo must not need PyJWT, which Debian's python3-flask does not bring."""
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims).encode())
    sig = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(sig)}"


@app.get("/login")
def login_form():
    return (
        "<!doctype html><title>Log in</title><form method=post action=/login>"
        "<label>User <input name=user value=ada></label>"
        "<label>Password <input type=password name=password value=pw></label>"
        "<button id=login>Log in</button></form>"
    )


@app.post("/login")
def login():
    user = request.form.get("user") or "ada"
    session["user"] = user
    response = make_response(redirect("/"))
    token = hmac.new(app.secret_key.encode(), user.encode(), hashlib.sha512).hexdigest()
    response.set_cookie("remember_token", f"{user}|{token}", max_age=365 * 24 * 3600, httponly=True)
    now = int(time.time())
    response.set_cookie("access_token", jwt_hs256({"sub": user, "iat": now, "exp": now + 3600}, "secret"), max_age=3600)
    return response


@app.get("/account")
def account():
    """The logged-in probe: only a logged-in user sees "Signed in as"."""
    if not session.get("user"):
        return "<!doctype html><title>Account</title><p>Not signed in.</p>", 401
    return f"<!doctype html><title>Account</title><p>Signed in as {session['user']}</p>"


@app.get("/logout")
def logout():
    session.clear()
    response = make_response(redirect("/"))
    response.delete_cookie("remember_token")
    response.delete_cookie("access_token")
    return response


if __name__ == "__main__":
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    print(f"flask demo listening on {port}", flush=True)
    app.run(host="127.0.0.1", port=port, ssl_context=(cert, key), debug=False, use_reloader=False)
