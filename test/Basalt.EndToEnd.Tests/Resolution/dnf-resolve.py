# dnf's Python API as a resolution oracle: one process per repository answers every job of that repository.
# Usage: dnf-resolve.py REPO_DIR WORK_DIR WEAK(0|1) JOBS_FILE [OBSOLETES(0|1), default 0]; JOBS_FILE has one job per line
# (names separated by spaces).
# Prints one line per job: "OK nevra..." (the install set) or "FAIL message".
import sys
import dnf
import dnf.exceptions

repo_dir, work_dir, weak, jobs_file = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
base = dnf.Base()
base.conf.installroot = work_dir + "/root"
base.conf.cachedir = work_dir + "/cache"
base.conf.persistdir = work_dir + "/persist"
base.conf.install_weak_deps = weak
base.conf.gpgcheck = False
base.conf.substitutions["releasever"] = "1"
# dnf's "install NAME" also accepts a package that obsoletes NAME (conf.obsoletes, on by default); libsolv's
# "job install name" and Basalt's SolverJob.InstallName select by name only, so the random differential turns it off
# to ask all three the same question; the obsoletes tests turn it on to check SolverJob.InstallNameOrObsoleting.
base.conf.obsoletes = len(sys.argv) > 5 and sys.argv[5] == "1"
base.repos.add_new_repo("r", base.conf, baseurl=["file://" + repo_dir])
base.fill_sack(load_system_repo=False)
with open(jobs_file) as f:
    jobs = [line.split() for line in f if line.strip()]
for names in jobs:
    base.reset(goal=True)
    try:
        for name in names:
            base.install(name)
        base.resolve()
        nevras = sorted("%s-%s-%s.%s" % (p.name, p.v, p.r, p.arch) for p in base.transaction.install_set)
        print("OK " + " ".join(nevras))
    except dnf.exceptions.DepsolveError as e:
        print("FAIL " + str(e).replace("\n", " | "))
    sys.stdout.flush()
