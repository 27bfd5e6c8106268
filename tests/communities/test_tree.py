"""Where community and discussion pages may live, checked on the models and through the admin."""

from django.contrib.auth.models import Group

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from communities.models import CommunityPage, DiscussionPage, TeamRole
from home.models import HomePage
from intranet.factories import UserFactory
from people.models import Discipline


class TreeRulesTests(WagtailPageTestCase):
    def test_communities_live_under_home_and_under_communities(self):
        self.assertCanCreateAt(HomePage, CommunityPage)
        self.assertCanCreateAt(CommunityPage, CommunityPage)

    def test_discussions_live_under_communities_only(self):
        self.assertCanCreateAt(CommunityPage, DiscussionPage)
        self.assertCanNotCreateAt(HomePage, DiscussionPage)
        self.assertCanNotCreateAt(Page, DiscussionPage)

    def test_nothing_lives_under_a_discussion(self):
        self.assertCanNotCreateAt(DiscussionPage, CommunityPage)
        self.assertCanNotCreateAt(DiscussionPage, DiscussionPage)

    def test_communities_do_not_sit_at_the_root(self):
        self.assertCanNotCreateAt(Page, CommunityPage)


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        self.client.force_login(self.admin)
        self.home = HomePage.objects.get()

    def community_data(self, title, team):
        return nested_form_data(
            {
                "title": title,
                "purpose": "Why we exist",
                "body": streamfield([]),
                "topics": "",
                "visibility": "open",
                "membership_policy": "open",
                "contact_channel": "",
                "team_members": inline_formset(team),
            }
        )

    def test_an_administrator_creates_nested_communities_and_the_team_gets_a_group(self):
        lead = UserFactory(username="lead")
        team = [{"user": lead.pk, "discipline": Discipline.IT, "role": TeamRole.LEAD}]
        self.assertCanCreate(self.home, CommunityPage, self.community_data("Parent", team))
        parent = CommunityPage.objects.get(title="Parent")
        self.assertCanCreate(parent, CommunityPage, self.community_data("Child", []))

        group = Group.objects.get(name=f"Community team: Parent (#{parent.pk})")
        self.assertEqual(list(group.user_set.all()), [lead])
        self.assertTrue(CommunityPage.objects.get(title="Child").is_descendant_of(parent))
