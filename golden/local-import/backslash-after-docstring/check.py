from jobs.worker import drain

print(drain([1, 2, 3]))
print(drain.__doc__)
