"""The data Briefing works on: articles, briefings, templates and brands, the estimative scale
and the Briefing Markdown dialect. Plain data and pure functions; nothing here imports any other
part of the project."""
