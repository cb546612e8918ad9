"""Evidence bundles: export a self-verifying ZIP (DESIGN.md §6) and verify one.

``export`` writes, ``verify`` checks (no vault needed); ``layout`` holds the contract's
names, ``manifest`` the JSON description, ``report`` the evidence list (证据目录) as HTML,
``readme`` the README, ``zipsafe`` the hostile-archive reader.
"""
