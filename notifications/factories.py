import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

from intranet.factories import UserFactory
from notifications.models import Notification, NotificationKind, PageFollow, PersonFollow


class NotificationFactory(DjangoModelFactory):
    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.COMMENT
    group_key = factory.Sequence(lambda n: f"page:{n}")
    title = factory.Sequence(lambda n: f"Discussion {n}")
    group_title = factory.SelfAttribute("title")
    link = "/"
    group_link = "/"
    actor = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Notification


class PageFollowFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = PageFollow


class PersonFollowFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    person = factory.SubFactory(UserFactory)

    class Meta:
        model = PersonFollow
