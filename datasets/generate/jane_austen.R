# Writes Jane Austen's six novels from Debian's r-cran-janeaustenr 1.0.0-1 as UTF-8 plain text, gzip.
#
# Developer-only, run once; CI and learners read the committed result. Needs R (Debian: r-base-core).
#
#   apt-get download r-cran-janeaustenr && dpkg -x r-cran-janeaustenr_1.0.0-1_all.deb janeaustenr
#   Rscript datasets/generate/jane_austen.R janeaustenr/usr/lib/R/site-library datasets/jane-austen
#
# The package keeps each novel as a character vector, one element per line of the Project Gutenberg
# text (title and chapter headings kept, Gutenberg's licence header and footer already removed by the
# package). This script writes the lines unchanged, each followed by "\n". R's gzfile writes a gzip
# header without a time stamp, so reruns give the same bytes.
args <- commandArgs(trailingOnly = TRUE)
library_folder <- args[1]
output_folder <- args[2]
dir.create(output_folder, showWarnings = FALSE, recursive = TRUE)
novels <- new.env()
lazyLoad(file.path(library_folder, "janeaustenr", "data", "Rdata"), envir = novels)
files <- c(sensesensibility = "sense-and-sensibility", prideprejudice = "pride-and-prejudice",
           mansfieldpark = "mansfield-park", emma = "emma", northangerabbey = "northanger-abbey",
           persuasion = "persuasion")
for (name in names(files)) {
  lines <- enc2utf8(get(name, envir = novels))
  connection <- gzfile(file.path(output_folder, paste0(files[[name]], ".txt.gz")), "wb", compression = 9)
  writeBin(charToRaw(paste0(paste0(lines, "\n"), collapse = "")), connection)
  close(connection)
  cat(files[[name]], length(lines), "lines", sum(nchar(lines)) + length(lines), "characters\n")
}
