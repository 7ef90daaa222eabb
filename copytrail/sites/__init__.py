"""Which sites are one operation: identifiers shared across sites (issue #14).

:mod:`~copytrail.sites.identifiers` reads a page's analytics and ad accounts, tag containers,
verification tokens, social ids, contact e-mails, wallets, publisher and theme from its raw
bytes; :mod:`~copytrail.sites.index` keeps ``page_ids`` and ``site_ids`` current at ingest;
:mod:`~copytrail.sites.stage` is the ``sites`` stage (backfill of older stores). The tables and
their exports are declared in :mod:`~copytrail.sites.tables`; see ``README.md`` here.
"""
