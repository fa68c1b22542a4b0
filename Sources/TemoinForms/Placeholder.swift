// TemoinForms
