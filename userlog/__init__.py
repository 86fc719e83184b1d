"""The user log (käyttäjäloki): who read internal information or exported personal data.

The recording API is `userlog.log` (`record` on a request, `write` outside one); the model
is `userlog.models.UserLogEntry` (append-only); `userlog.retention.purge` is the only code
that removes rows. docs/privacy.md, "User log".

userlog is a base-level app like cms: it imports no domain app (services, policies,
content, translations, search, privacy); those and cms call it.
"""
