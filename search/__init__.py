"""Search: language analysis for Finnish, Swedish and English (see search/analysis.py).

Pure Python for now, with no models; it becomes the Django app `search` when the
analysis is wired into the index and the GraphQL API (issue 13).
"""
