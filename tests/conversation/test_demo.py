from io import StringIO

from django.core.management import call_command

from conversation.models import Comment, CommentReaction, Notification, PageReaction


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
    assert not Notification.objects.exists()
    call_command("seed_demo", stdout=StringIO())
    assert counts == (
        Comment.objects.count(),
        CommentReaction.objects.count(),
        PageReaction.objects.count(),
    )
