"""briefing: a day's Arabic and English news articles in, a cited bilingual briefing out."""

from .models import Article, Briefing, Citation, Dropped, Group, Sentence, Skipped, Summary, Topic

__all__ = ["Article", "Briefing", "Citation", "Dropped", "Group", "Sentence", "Skipped", "Summary", "Topic"]
