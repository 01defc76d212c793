"""The parse pipeline: report text → :class:`~rolcompare.schema.Report`.

``run.parse`` calls the stages in this order (``run.read`` first reads the file with
``sources.ingest``):

1. ``meta.split_front_matter`` — YAML front matter apart from the text;
2. ``normalize`` — dirty text → canonical simplified lines, source line numbers kept;
3. ``meta.read_head`` — page chrome, title and addressee apart from the body;
4. ``structure`` — the body's section tree and paragraphs;
5. ``meta.infer_meta`` and ``meta.merge_meta`` — entity, year, level; front matter wins;
6. ``indicators`` — every reported number, with label, unit, qualifier and concept;
7. ``items`` — commitments (the plans part's items) and problems;
8. ``link`` — problems to the commitments that answer them, commitments to measures;
9. ``targets`` — quantified targets (a work report's targets part, a rule-of-law report's plans);
   a work report's parts are re-read as review / targets / tasks / government after step 5;
10. ``identify`` — the entity's id across years and spellings, and its 行政区划代码 by year
    (``lexicon.divisions``); a name several divisions bear is resolved or warned, never guessed.

The stages import the lexicon, the matcher and the schema, never each other's callers.
"""
