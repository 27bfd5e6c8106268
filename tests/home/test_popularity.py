"""The ranking adds weighted scores from any number of sources."""

from home.popularity import rank


def test_rank_weighs_and_adds_every_source():
    comments = {1: 2.0, 2: 1.0}
    reactions = {2: 4.0, 3: 1.0}
    views = {3: 100.0}
    assert rank([(comments, 3.0), (reactions, 1.0)]) == [2, 1, 3]
    # Another source is one more pair: page views put page 3 first.
    assert rank([(comments, 3.0), (reactions, 1.0), (views, 0.1)]) == [3, 2, 1]


def test_ties_go_to_the_newer_page_and_nothing_scores_nothing():
    assert rank([({4: 1.0, 9: 1.0, 5: 0.0}, 1.0)]) == [9, 4]
    assert rank([]) == []
