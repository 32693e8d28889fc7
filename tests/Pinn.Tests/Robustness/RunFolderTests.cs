using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>A run folder is owned by one run: a second run is kept out, a folder holding another run is refused
/// unless it is continued or explicitly replaced, and temporary files of interrupted writes are cleared.</summary>
public sealed class RunFolderTests
{
    [Fact]
    public void A_folder_in_use_by_a_run_is_refused_to_a_second_one_and_released_after()
    {
        using var temp = new TemporaryDirectory();
        var directory = temp.Combine("run");
        using (RunFolder.Claim(directory, continuing: false, overwrite: false))
        {
            File.Exists(Path.Combine(directory, RunFolder.LockFileName)).ShouldBeTrue();
            Should.Throw<RunFolderException>(() => RunFolder.Claim(directory, continuing: true, overwrite: true))
                  .Message.ShouldBe($"{directory} is in use by another run (it holds the lock .pinn.lock); wait for that run to end or choose another --out");
        }
        File.Exists(Path.Combine(directory, RunFolder.LockFileName)).ShouldBeFalse();
        RunFolder.Claim(directory, continuing: false, overwrite: false).Dispose();
    }

    [Fact]
    public void A_folder_holding_another_run_is_refused_unless_overwrite_which_removes_only_the_run_files()
    {
        using var temp = new TemporaryDirectory();
        foreach (var file in new[] { "metrics.csv", "checkpoint.bin", "summary.json", "notes.txt" }) File.WriteAllText(temp.Combine(file), "x");
        Should.Throw<RunFolderException>(() => RunFolder.Claim(temp.Path, continuing: false, overwrite: false))
              .Message.ShouldBe($"{temp.Path} already holds files (checkpoint.bin, metrics.csv, notes.txt, summary.json): choose another --out, "
                                + $"continue that run with --resume {temp.Path}, or pass --overwrite to replace it");
        File.Exists(temp.Combine("metrics.csv")).ShouldBeTrue();
        using (RunFolder.Claim(temp.Path, continuing: false, overwrite: true))
        {
            Directory.EnumerateFiles(temp.Path).Select(Path.GetFileName).Order().ShouldBe([".pinn.lock", "notes.txt"]);
        }
    }

    [Fact]
    public void Continuing_a_run_keeps_its_files_and_clears_the_temporary_files_of_interrupted_writes()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("metrics.csv"), "x");
        File.WriteAllText(temp.Combine(".checkpoint.bin.4242.tmp"), "half a checkpoint");
        using (RunFolder.Claim(temp.Path, continuing: true, overwrite: false))
        {
            File.Exists(temp.Combine(".checkpoint.bin.4242.tmp")).ShouldBeFalse();
            File.Exists(temp.Combine("metrics.csv")).ShouldBeTrue();
        }
    }

    [Fact]
    public void A_default_folder_taken_by_another_run_of_the_same_second_gets_the_next_suffix()
    {
        using var temp = new TemporaryDirectory();
        using var first = RunFolder.ClaimFresh(temp.Path, "20261130-120000");
        using var second = RunFolder.ClaimFresh(temp.Path, "20261130-120000");
        first.Path.ShouldBe(temp.Combine("20261130-120000"));
        second.Path.ShouldBe(temp.Combine("20261130-120000-2"));
    }

        [Fact]
    public void An_output_path_that_is_a_file_or_cannot_be_created_is_refused()
    {
        using var temp = new TemporaryDirectory();
        File.WriteAllText(temp.Combine("file"), "");
        Should.Throw<RunFolderException>(() => RunFolder.Claim(temp.Combine("file"), false, false)).Message.ShouldContain("is a file, not a folder");
        Should.Throw<RunFolderException>(() => RunFolder.Claim(temp.Combine("file", "run"), false, false)).Message.ShouldStartWith("cannot create the output folder");
    }
}
