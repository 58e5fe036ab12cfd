print("statik")
