package main

import "whatmatters/internal/dto"

// Vocabularies returns the fixed lists of choices; the frontend loads them
// once at start. It never fails, even before the database opens.
func (a *App) Vocabularies() dto.VocabulariesDTO { return dto.Vocabularies() }
