"""The learner's pages: tracks, quizzes, results and certificates, with the components only they use."""
