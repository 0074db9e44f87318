"""The randomised personal (N-of-1) trial: design, today's draw, analysis and its words (issue 13).

Pure: no Django, no I/O. Sources: CENT 2015 (Vohra et al., BMJ 2015; Shamseer et al., BMJ 2015);
Edgington & Onghena, Randomization Tests (2007); StudyU (Konigorski et al., JMIR 2022); PREEMPT
(Kravitz et al., JAMA Intern Med 2018).
"""
