"""How people are shown in the admin: by name, not by username."""


def person_name(user, empty: str = "") -> str:
    """The full name; the e-mail address, else the username, only when the name is empty
    (invited accounts' usernames are e-mail addresses anyway); `empty` for no user."""
    if user is None:
        return empty
    return user.get_full_name() or user.email or user.get_username()
