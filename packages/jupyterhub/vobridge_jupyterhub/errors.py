"""What can go wrong when a server asks the hub for its user's platform token."""


class LoginRequired(Exception):
    """The platform refused to renew the user's login (or the hub holds none): log in again at the hub."""

    code = "login_required"


class PlatformUnreachable(Exception):
    """The platform did not answer the renewal; the login is kept and renews when it answers again."""

    code = "platform_unreachable"
