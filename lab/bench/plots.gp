# SPDX-License-Identifier: MIT
# The report's plots, from DIR/results.dat (workload row threads mops ns).
# Run by pageref-report:  gnuplot -e "dir='report'; rows='pageref upstream ...'" lab/bench/plots.gp
data = dir.'/results.dat'
sel(w, r) = sprintf("< awk '$1 == \"%s\" && $2 == \"%s\"' %s", w, r, data)

set terminal pngcairo size 900,560 font ',10'
set grid
set key outside right top
set xlabel 'threads'
set xtics 1
set ylabel 'Mops/s, all threads together (median)'

set output dir.'/contended.png'
set title 'contended: try-get + put on one shared page (higher is better)'
plot for [r in rows] sel('contended', r) using 3:4 with linespoints lw 2 title r

set output dir.'/pagecache-read.png'
set title 'pagecache-read: 64-byte pread of one hot page (higher is better)'
plot for [r in rows] sel('pagecache-read', r) using 3:4 with linespoints lw 2 title r

set output dir.'/free-path.png'
set title 'free-path: allocate with one reference, free by the last put (lower is better)'
set xlabel ''
set ylabel 'ns per page (median, log scale)'
set logscale y
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -30
set key inside left top
plot "< awk '$1 == \"free-path\" { print $2, $5 }' ".data using 2:xtic(1) title 'single owner (1 thread)', \
     "< awk '$1 == \"free-path-race\" { print $2, $5 }' ".data using 2 title 'two holders race (2 threads)'
