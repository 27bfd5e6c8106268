from io import StringIO

from django.core.management import call_command

from conversation.models import Comment, CommentReaction, PageReaction
from notifications.models import Notification


def test_the_demo_has_threads_with_replies_and_reactions_and_seeding_twice_changes_nothing(
    seeded,
):
    counts = (
        Comment.objects.count(),
        CommentReaction.objects.count(),
        PageReaction.objects.count(),
    )
    assert Comment.objects.filter(level=2).exists()
    assert counts[1] and counts[2]
    # The threads show under the bell but owe nobody an email.
    assert Notification.objects.exists()
    assert not Notification.objects.filter(emailed_at__isnull=True, comment__isnull=False).exists()
    call_command("seed_demo", stdout=StringIO())
    assert counts == (
        Comment.objects.count(),
        CommentReaction.objects.count(),
        PageReaction.objects.count(),
    )
