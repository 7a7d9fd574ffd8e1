"""A native app we did not write: plays `inferadb login` with Python's standard library only.

OAuth 2.0 for native apps exactly as the real CLI does it (RFC 8252 loopback redirect on a free
port, RFC 7636 PKCE S256, `state`): prints the authorization URL for the browser (driven by the
Bun test in Chromium), receives the code on its loopback listener, checks `state`, exchanges the
code at the form-encoded token endpoint and calls GET /v1/users/me with the access token.

Input (stdin, JSON): {"base": "http://127.0.0.1:port", "rounds": 2}
Output (stdout): one JSON line per event; the last line is {"done": true, "results": {...}}.
Round 1 presents a wrong verifier first (the code is then burnt), round 2 first receives a forged
callback with a wrong state (refused), then the real one, exchanges it, and replays the code.
"""

import base64
import hashlib
import http.server
import json
import secrets
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

CLIENT_ID = "inferadb-cli"
SCOPE = "openid profile offline_access"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_FOLLOW = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect())


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def pkce():
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


def post_form(url, fields):
    data = urllib.parse.urlencode(fields).encode("ascii")
    req = urllib.request.Request(url, data=data, method="POST")
    req.add_header("content-type", "application/x-www-form-urlencoded")
    try:
        with NO_PROXY.open(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def get_json(url, token):
    req = urllib.request.Request(url)
    req.add_header("authorization", "Bearer " + token)
    try:
        with NO_PROXY.open(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def status_of(url):
    try:
        with NO_FOLLOW.open(url, timeout=10) as r:
            return r.status, r.headers.get("location")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("location")


class Callback(http.server.BaseHTTPRequestHandler):
    expected_state = None
    received = None
    event = None
    refused = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path != "/callback":
            self.send_response(404)
            self.end_headers()
            return
        if q.get("state") != Callback.expected_state:
            Callback.refused += 1
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"state mismatch")
            return
        Callback.received = q
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Signed in</title><p>You can close this window.</p>")
        Callback.event.set()


def main():
    cfg = json.loads(sys.stdin.read())
    base = cfg["base"]
    results = {}

    # Refusals that never reach the browser.
    evil = base + "/oauth/authorize?" + urllib.parse.urlencode(
        {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "https://evil.example/callback",
         "code_challenge": pkce()[1], "code_challenge_method": "S256", "state": "s"})
    results["non_loopback"] = status_of(evil)
    unknown = base + "/oauth/authorize?" + urllib.parse.urlencode(
        {"response_type": "code", "client_id": "not-registered", "redirect_uri": "http://127.0.0.1:9/callback",
         "code_challenge": pkce()[1], "code_challenge_method": "S256", "state": "s"})
    results["unregistered"] = status_of(unknown)

    server = http.server.HTTPServer(("127.0.0.1", 0), Callback)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    redirect = "http://127.0.0.1:%d/callback" % port

    for rnd in range(1, cfg.get("rounds", 2) + 1):
        verifier, challenge = pkce()
        state = secrets.token_urlsafe(16)
        Callback.expected_state = state
        Callback.received = None
        Callback.event = threading.Event()
        url = base + "/oauth/authorize?" + urllib.parse.urlencode(
            {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect, "scope": SCOPE,
             "state": state, "code_challenge": challenge, "code_challenge_method": "S256"})
        emit({"round": rnd, "authorize_url": url, "callback": redirect})
        if not Callback.event.wait(60):
            emit({"error": "no callback in round %d" % rnd})
            sys.exit(1)
        code = Callback.received["code"]
        fields = {"grant_type": "authorization_code", "client_id": CLIENT_ID, "code": code,
                  "redirect_uri": redirect}
        if rnd == 1:
            results["wrong_verifier"] = post_form(base + "/oauth/token", dict(fields, code_verifier=pkce()[0]))
            results["after_burn"] = post_form(base + "/oauth/token", dict(fields, code_verifier=verifier))
            continue
        results["forged_state_refused"] = Callback.refused
        status, tokens = post_form(base + "/oauth/token", dict(fields, code_verifier=verifier))
        results["exchange"] = [status, sorted(tokens.keys()), tokens.get("token_type")]
        results["me"] = get_json(base + "/v1/users/me", tokens.get("access_token", ""))
        results["replay"] = post_form(base + "/oauth/token", dict(fields, code_verifier=verifier))
        status, refreshed = post_form(base + "/oauth/token", {
            "grant_type": "refresh_token", "client_id": CLIENT_ID, "refresh_token": tokens.get("refresh_token", "")})
        results["refresh"] = [status, get_json(base + "/v1/users/me", refreshed.get("access_token", ""))[0]]
    server.shutdown()
    emit({"done": True, "results": results})


if __name__ == "__main__":
    main()
