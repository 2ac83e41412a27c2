"""The demo's Flask app (Debian's python3-flask): Flask's default session cookie, signed with the
tutorial secret 'dev' and made permanent, so Cookie Lens has a real itsdangerous cookie to read.

Usage: python3 flask_app.py PORT CERT KEY
"""
import sys
from datetime import timedelta

from flask import Flask, session

app = Flask(__name__)
app.secret_key = "dev"
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=31)


@app.route("/")
def index():
    session.permanent = True
    session["user_id"] = 42
    session["roles"] = ("reader", "editor")
    session["visits"] = session.get("visits", 0) + 1
    return "<!doctype html><title>Flask demo</title><h1>Flask demo</h1><p>Your session lives in the cookie.</p>"


if __name__ == "__main__":
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    print(f"flask demo listening on {port}", flush=True)
    app.run(host="127.0.0.1", port=port, ssl_context=(cert, key), debug=False, use_reloader=False)
