"""Content pages (help, news, privacy notices, accessibility statement, about)."""

urlpatterns = []
