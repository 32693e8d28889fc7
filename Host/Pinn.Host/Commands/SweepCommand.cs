using System.CommandLine;
using System.Runtime.InteropServices;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Sweeps;

namespace Pinn.Host.Commands;

/// <summary>
/// <c>pinn sweep SWEEP.json [--workers N] [--out DIR]</c>: every variant of a sweep, validated first, run locally;
/// <c>pinn sweep SWEEP.json --emit slurm --out DIR [--partition P] [--time T] [--mem M] [--setup LINE]</c>: a Slurm
/// job array instead; <c>pinn sweep collect DIR</c>: the results table of a sweep folder.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep") { Description = "The sweep file (JSON): base manifest and axes" };
        var workers = new Option<int>("--workers") { Description = "Runs at once, each a process with its share of the cores (default 1)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "Torch threads per run (default: cores / workers locally, 2 on Slurm); a base manifest's \"threads\" wins" };
        var output = new Option<string?>("--out") { Description = "The sweep folder (default runs/sweep-<name>/); run again to continue it" };
        var emit = new Option<string?>("--emit") { Description = "slurm: write a job array into --out instead of running" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var time = new Option<string?>("--time") { Description = "Slurm time limit per task (e.g. 30, 2:00:00, 1-00:00)" };
        var memory = new Option<string?>("--mem") { Description = "Slurm memory per task (e.g. 4G)" };
        var setup = new Option<string?>("--setup") { Description = "A shell line each task runs first (e.g. \"module load dotnet\")" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Slurm: at most so many tasks at once" };
        var command = new Command("sweep", "Run a sweep of manifest variants (grid, random, Sobol) locally or as a Slurm job array, and tabulate it")
        {
            file, workers, threads, output, emit, partition, time, memory, setup, maxParallel, Collect(),
        };
        command.SetAction(result =>
        {
            var sweepFile = result.GetValue(file)!;
            var workerCount = result.GetValue(workers);
            var problems = new List<string>();
            if (workerCount < 1) problems.Add("--workers: at least 1");
            if (result.GetValue(threads) is < 1) problems.Add("--threads: at least 1");
            var slurm = result.GetValue(emit) switch
            {
                null => false,
                "slurm" => true,
                var other => Problem(problems, $"--emit \"{other}\": the allowed value is slurm"),
            };
            var slurmOptions = new SlurmOptions(result.GetValue(partition), result.GetValue(time), result.GetValue(memory), result.GetValue(setup), result.GetValue(maxParallel));
            if (slurm)
            {
                problems.AddRange(slurmOptions.Problems());
                if (result.GetValue(output) is null) problems.Add("--emit slurm needs --out DIR (a folder the cluster's nodes can read and write)");
            }
            else if (slurmOptions != new SlurmOptions(null, null, null, null, null)) problems.Add("--partition, --time, --mem, --setup and --max-parallel need --emit slurm");

            var (spec, fileErrors) = SweepReader.ReadPartial(sweepFile);
            if (spec is null || problems.Count > 0) return Refuse([.. problems, .. fileErrors.Select(error => $"{sweepFile}: {error}")]);

            var runThreads = result.GetValue(threads) ?? (slurm ? 2 : Math.Max(1, Environment.ProcessorCount / workerCount));
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
            foreach (var warning in warnings) Console.Error.WriteLine(warning);
            IReadOnlyList<SweepVariant> variants;
            try
            {
                variants = SweepPlanner.Plan(spec, catalog, ValidateCommand.CacheDirectory(), runThreads, fileErrors);
            }
            catch (ManifestException e)
            {
                return Refuse(e.Errors.Select(error => $"{sweepFile}: {error}").ToArray());
            }
            var folder = new SweepFolder(result.GetValue(output) ?? Path.Combine("runs", "sweep-" + spec.Name));
            if (slurm)
            {
                var script = SlurmArray.Write(folder, spec, variants, runThreads, slurmOptions);
                Console.Out.WriteLine($"sweep: {variants.Count} variants, {runThreads} CPUs each; submit with: sbatch {script}");
                Console.Out.WriteLine($"then: pinn sweep collect {folder.Root}");
                return ExitCodes.Ok;
            }
            folder.Write(spec, variants);
            using var cancel = new CancellationTokenSource();
            var runner = new SweepRunner(folder, variants, workerCount, Console.Out);
            var signal = 0;
            void Stop(PosixSignalContext context, int code)
            {
                context.Cancel = true; // the running runs checkpoint and stop; no new run starts
                if (Interlocked.CompareExchange(ref signal, code, 0) != 0) return;
                Console.Error.WriteLine("sweep: stopping: the running runs finish their step and save; run the same command again to continue");
                runner.StopSignal = context.Signal == PosixSignal.SIGTERM ? 15 : 2;
                cancel.Cancel();
            }
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, ExitCodes.Interrupted));
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, ExitCodes.Terminated));
            var complete = runner.Run(cancel.Token);
            var results = SweepResults.Collect(folder);
            results.Write(folder);
            results.Print();
            Console.Out.WriteLine($"results: {folder.ResultsCsv}, {folder.ResultsJson}");
            return signal != 0 ? signal : complete ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static Command Collect()
    {
        var directory = new Argument<string>("folder") { Description = "A sweep folder (from pinn sweep or --emit slurm)" };
        var command = new Command("collect", "Tabulate the finished runs of a sweep folder: results.csv, results.json, charts") { directory };
        command.SetAction(result =>
        {
            var folder = new SweepFolder(result.GetValue(directory)!);
            if (!File.Exists(folder.Description)) return Refuse([$"collect: {folder.Root} is not a sweep folder (it has no sweep.json)"]);
            var results = SweepResults.Collect(folder);
            results.Write(folder);
            results.Print();
            Console.Out.WriteLine($"results: {folder.ResultsCsv}, {folder.ResultsJson}");
            return results.Outcomes.All(o => o.Status == VariantOutcome.Done) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static bool Problem(List<string> problems, string message)
    {
        problems.Add(message);
        return false;
    }

    private static int Refuse(IReadOnlyList<string> problems)
    {
        foreach (var p in problems) Console.Error.WriteLine($"sweep: {p}");
        return ExitCodes.InvalidInput;
    }
}
