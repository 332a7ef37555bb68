print "total"
