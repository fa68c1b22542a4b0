print("temoin")
