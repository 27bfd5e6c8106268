"""Signals other apps listen to.

The services change comments with `update()`, which sends no `post_save`; they
send `comment_changed` instead, so what depends on a comment's text or
visibility (the search index) can follow.
"""

from django.dispatch import Signal

# Sent with `comment` after its text or visibility changed.
comment_changed = Signal()
