class PropertyValue:
    Name = ""
    Value = None
