"""A test client signed in as a user."""

from django.test import Client


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client
