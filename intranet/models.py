"""The intranet app keeps no tables of its own.

Django sends `post_migrate` only to apps with a models module, and the intranet
app creates the cache's table on it (`intranet.apps`).
"""
