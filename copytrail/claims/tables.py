"""DuckDB tables of the claims stage (created by the stage itself at its start)."""

from __future__ import annotations

CLAIMS_DDL: tuple[str, ...] = (
    # One row per figure, quote or attribution; offsets are into articles.text.
    """CREATE TABLE IF NOT EXISTS claims (
        claim_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        kind VARCHAR,              -- figure | quote | attribution
        start_char INTEGER,        -- the figure mention, or the quoted/reported content
        end_char INTEGER,
        text VARCHAR,
        sentence VARCHAR,
        sentence_start INTEGER,
        sentence_end INTEGER,
        value DOUBLE,              -- figures: normalised number
        low DOUBLE,
        high DOUBLE,
        qualifier VARCHAR,         -- exact | approximately | at least | at most | range ...
        unit VARCHAR,
        counted VARCHAR,           -- what is counted ("activists")
        counted_key VARCHAR,       -- normalised counted noun used for grouping
        change VARCHAR,            -- up | down when the figure is a change ("rose by 5%")
        speaker VARCHAR,           -- resolved speaker / source name
        speaker_key VARCHAR,       -- merged name key across the corpus
        source VARCHAR,            -- the source mention as written (may be a pronoun)
        source_start INTEGER,
        source_end INTEGER,
        cue VARCHAR,               -- said / told / according to ...
        attribution_kind VARCHAR,  -- direct | indirect | according-to | mixed
        site VARCHAR,
        url VARCHAR,
        published VARCHAR,
        published_source VARCHAR,
        family_id VARCHAR,         -- reuse family containing this claim's span, when there is one
        group_id VARCHAR           -- figures: the group of figures about the same thing on other
                                   -- pages (= conflict_id when the group disagrees); quotes: the
                                   -- same words quoted on other pages
    )""",
    # Stores made before figure groups existed get the column (a no-op on new stores).
    "ALTER TABLE claims ADD COLUMN IF NOT EXISTS group_id VARCHAR",
    # Figures: names of the nearest earlier sentence that names someone, when the figure's own
    # sentence names no one ("... when the plant closes" is about the plant named before it).
    "ALTER TABLE claims ADD COLUMN IF NOT EXISTS antecedent VARCHAR",
    # Articles already processed, with the hash of the text they had (reprocessed when it changes).
    """CREATE TABLE IF NOT EXISTS claims_done (
        article_id VARCHAR PRIMARY KEY,
        text_hash VARCHAR
    )""",
    # Groups of figures about the same thing whose values disagree, one row per witness.
    """CREATE TABLE IF NOT EXISTS conflicts (
        conflict_id VARCHAR NOT NULL,
        counted_key VARCHAR,
        unit VARCHAR,
        claim_id VARCHAR NOT NULL,
        article_id VARCHAR,
        value DOUBLE,
        low DOUBLE,
        high DOUBLE,
        qualifier VARCHAR,
        published VARCHAR,
        site VARCHAR,
        url VARCHAR,
        sentence VARCHAR,
        PRIMARY KEY (conflict_id, claim_id)
    )""",
    # Stores made before conflict kinds existed get the columns (no-ops on new stores): the kind
    # ("copied, figure changed": a copy gives an aligned figure another value; "reports differ":
    # figures about the same thing on pages that are not copies), the figure as written, and the
    # copied words around it (empty for "reports differ").
    "ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS kind VARCHAR",
    "ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS text VARCHAR",
    "ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS context_before VARCHAR",
    "ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS context_after VARCHAR",
    # What the claims reader could not parse in an article (unclosed or stray quote marks, a
    # quote nobody is found to have said): the rest of the article is still read.
    """CREATE TABLE IF NOT EXISTS claim_warnings (
        article_id VARCHAR NOT NULL,
        kind VARCHAR,              -- the warning with its offsets replaced by '#'
        detail VARCHAR,            -- the warning as given, offsets into articles.text
        PRIMARY KEY (article_id, detail)
    )""",
    # Speakers merged across the corpus (name variants folded into one key).
    """CREATE TABLE IF NOT EXISTS speakers (
        speaker_key VARCHAR PRIMARY KEY,
        name VARCHAR,
        variants VARCHAR[],
        quotes INTEGER,
        articles INTEGER,
        sites INTEGER
    )""",
)
