using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>
/// A checkpoint that is not a whole, unchanged, sensible checkpoint of the run is refused by
/// <see cref="ResumePoint.Load"/> or <see cref="ResumePoint.Restore"/> with an <see cref="InvalidDataException"/>
/// that names the file and what is wrong, before anything is restored or written, never with another exception
/// or a libtorch abort.
/// </summary>
public sealed class CraftedCheckpointTests(RecordedCheckpoint recorded) : IClassFixture<RecordedCheckpoint>
{
    private const string Weight = "network.layers.0.weight";

    /// <summary>Crafts by name: each returns the bytes of a damaged variant of the recorded checkpoint.</summary>
    private static readonly Dictionary<string, Func<RecordedCheckpoint, byte[]>> Crafts = new()
    {
        ["empty file"] = _ => [],
        ["a short text file"] = _ => Encoding.ASCII.GetBytes("hello"),
        ["wrong magic"] = r => Patched(r.Bytes, b => Encoding.ASCII.GetBytes("NOTACKPT").CopyTo(b, 0)),
        ["format 7"] = r => CheckpointFile.Reseal(Patched(r.Bytes, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), 7))),
        ["truncated in the preamble"] = r => r.Bytes[..14],
        ["truncated in the header"] = r => r.Bytes[..60],
        ["truncated in the tensors"] = r => r.Bytes[..^100],
        ["negative header length"] = r => Patched(r.Bytes, b => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(12), -5)),
        ["trailing garbage"] = r => [.. r.Bytes, 0, 0, 0, 0, 0],
        ["one flipped bit in the weights"] = r => Patched(r.Bytes, b => b[ValuesStart(b) + r.Parts().OffsetOf(Weight) + 3] ^= 0x10),
        ["one flipped bit in the header"] = r => Patched(r.Bytes, b => b[40] ^= 0x01),
        ["garbage JSON header"] = r => Crafted(r, c => c.RawJson = Encoding.UTF8.GetBytes("{ \"header\": this is not JSON")),
        ["JSON header that is an array"] = r => Crafted(r, c => c.RawJson = Encoding.UTF8.GetBytes("[1, 2, 3]")),
        ["duplicate key in the header"] = r => Crafted(r, c => c.RawJson = Encoding.UTF8.GetBytes(
            c.Document.ToJsonString().Replace("\"header\":{", "\"header\":{\"step\":1,", StringComparison.Ordinal))),
        ["no tensor index"] = r => Crafted(r, c => c.Document.Remove("tensors")),
        ["no manifest"] = r => Crafted(r, c => c.Header.Remove("manifest")),
        ["negative step"] = r => Crafted(r, c => c.Header["step"] = -1),
        ["step that is text"] = r => Crafted(r, c => c.Header["step"] = "three"),
        ["fractional step"] = r => Crafted(r, c => c.Header["step"] = 2.5),
        ["negative stage"] = r => Crafted(r, c => c.Header["stage"] = -1),
        ["stageSteps beyond step"] = r => Crafted(r, c => c.Header["stageSteps"] = 99),
        ["negative seconds"] = r => Crafted(r, c => c.Header["seconds"] = -1.0),
        ["stageSeconds missing"] = r => Crafted(r, c => c.Header.Remove("stageSeconds")),
        ["bestRelL2 that is text"] = r => Crafted(r, c => c.Header["bestRelL2"] = "low"),
        ["stage beyond the manifest"] = r => Crafted(r, c => c.Header["stage"] = 4),
        ["weights stored as Bool"] = r => Crafted(r, c => c.Entry(Weight)["dtype"] = "Bool"),
        ["weights stored as Int8"] = r => Crafted(r, c => c.Entry(Weight)["dtype"] = "Int8"),
        ["weights stored as Float16"] = r => Crafted(r, c => c.Entry(Weight)["dtype"] = "Float16"),
        ["weights stored as Float32"] = r => Crafted(r, c => c.Entry(Weight)["dtype"] = "Float32"),
        ["points stored as Int64"] = r => Crafted(r, c => c.Entry("points.interior")["dtype"] = "Int64"),
        ["NaN in the points"] = r => Crafted(r, c => c.SetValue("points.interior", 7, double.NaN)),
        ["NaN in the weights"] = r => Crafted(r, c => c.SetValue(Weight, 0, double.NaN)),
        ["infinity in a bias"] = r => Crafted(r, c => c.SetValue("network.layers.1.bias", 0, double.PositiveInfinity)),
        ["unknown dtype name"] = r => Crafted(r, c => c.Entry(Weight)["dtype"] = "Float128"),
        ["dtype given as a number in the optimizer state"] = r => Crafted(r, c => c.Entry("optimizer.m")["dtype"] = "7"),
        ["a shape whose element count exceeds the file"] = r => Crafted(r, c => c.Entry(Weight)["shape"] = new JsonArray(100000, 100000)),
        ["a negative size"] = r => Crafted(r, c => c.Entry(Weight)["shape"] = new JsonArray(-8, -2)),
        ["sizes whose product overflows"] = r => Crafted(r, c => c.Entry(Weight)["shape"] = new JsonArray(1L << 62, 1L << 62, 0)),
        ["a tensor listed twice"] = r => Crafted(r, c => c.Tensors.Add(c.Entry("network.layers.1.bias").DeepClone())),
        ["a missing tensor"] = r => Crafted(r, c =>
        {
            var offset = c.OffsetOf("network.layers.1.bias");
            c.Values = [.. c.Values[..offset], .. c.Values[(offset + 8)..]];
            c.Tensors.Remove(c.Entry("network.layers.1.bias"));
        }),
        ["weights of another shape"] = r => Crafted(r, c => c.Entry(Weight)["shape"] = new JsonArray(4, 4)),
        ["points of another width"] = r => Crafted(r, c => c.Entry("points.interior")["shape"] = new JsonArray(25, 4)),
        ["a sampling generator state torch would refuse"] = r => Crafted(r, c =>
        {
            var state = Convert.FromBase64String(c.Header["generators"]!["sampling"]!.GetValue<string>());
            BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(8), 0); // mt19937's "left"
            c.Header["generators"]!["sampling"] = Convert.ToBase64String(state);
        }),
        ["a generator state that is not base64"] = r => Crafted(r, c => c.Header["generators"]!["global"] = "not base64!"),
        ["a manifest without a dtype"] = r => Crafted(r, c => c.Header["manifest"]!.AsObject().Remove("dtype")),
        ["a manifest whose stages are not a list"] = r => Crafted(r, c => c.Header["manifest"]!["stages"] = new JsonObject()),
        ["a manifest whose problem is text"] = r => Crafted(r, c => c.Header["manifest"]!["problem"] = "poisson2d"),
    };

    [Theory]
    [InlineData("empty file", "not a Pinn.Plugins checkpoint (the file is empty)")]
    [InlineData("a short text file", "not a Pinn.Plugins checkpoint")]
    [InlineData("wrong magic", "not a Pinn.Plugins checkpoint (it does not start with \"PINNCKPT\")")]
    [InlineData("format 7", "checkpoint format 7, this host reads formats 1 and 2")]
    [InlineData("truncated in the preamble", "truncated: 14 bytes, the header describes at least 20")]
    [InlineData("truncated in the header", "truncated: 60 bytes, the header describes at least")]
    [InlineData("truncated in the tensors", "truncated: {length} bytes, the header describes {whole}")]
    [InlineData("negative header length", "damaged: the header length is -5")]
    [InlineData("trailing garbage", "5 bytes of trailing garbage after the {whole} bytes the header describes")]
    [InlineData("one flipped bit in the weights", "damaged: its checksum does not match")]
    [InlineData("one flipped bit in the header", "damaged: its checksum does not match")]
    [InlineData("garbage JSON header", "the checkpoint header is not valid JSON")]
    [InlineData("JSON header that is an array", "the checkpoint header is not a JSON object")]
    [InlineData("duplicate key in the header", "the checkpoint header is not valid JSON")]
    [InlineData("no tensor index", "the checkpoint header has no \"tensors\" list")]
    [InlineData("no manifest", "the checkpoint header has no manifest")]
    [InlineData("negative step", "the checkpoint header's \"step\" is -1, outside [0, ")]
    [InlineData("step that is text", "the checkpoint header's \"step\" is \"three\", not a whole number")]
    [InlineData("fractional step", "the checkpoint header's \"step\" is 2.5, not a whole number")]
    [InlineData("negative stage", "the checkpoint header's \"stage\" is -1, outside [0, ")]
    [InlineData("stageSteps beyond step", "the checkpoint header's \"stageSteps\" is 99, more than the run's 3 steps")]
    [InlineData("negative seconds", "the checkpoint header's \"seconds\" is -1, negative")]
    [InlineData("stageSeconds missing", "the checkpoint header has no \"stageSeconds\"")]
    [InlineData("bestRelL2 that is text", "the checkpoint header's \"bestRelL2\" is \"low\", not a finite number")]
    [InlineData("stage beyond the manifest", "stage 4 does not exist in the manifest")]
    [InlineData("weights stored as Bool", "network.layers.0.weight is stored as Bool, the run's dtype is float64")]
    [InlineData("weights stored as Int8", "network.layers.0.weight is stored as Int8, the run's dtype is float64")]
    [InlineData("weights stored as Float16", "network.layers.0.weight is stored as Float16, the run's dtype is float64")]
    [InlineData("weights stored as Float32", "network.layers.0.weight is stored as Float32, the run's dtype is float64")]
    [InlineData("points stored as Int64", "points.interior is stored as Int64, the run's dtype is float64")]
    [InlineData("NaN in the points", "points.interior holds non-finite values")]
    [InlineData("NaN in the weights", "network.layers.0.weight holds non-finite values")]
    [InlineData("infinity in a bias", "network.layers.1.bias holds non-finite values")]
    [InlineData("unknown dtype name", "network.layers.0.weight has the unknown dtype \"Float128\" (known: Float64, Float32,")]
    [InlineData("dtype given as a number in the optimizer state", "optimizer.m has the unknown dtype \"7\"")]
    [InlineData("a shape whose element count exceeds the file",
                "network.layers.0.weight has shape [100000, 100000] (10000000000 values of 8 bytes), more than the file holds")]
    [InlineData("a negative size", "network.layers.0.weight has the shape [-8,-2]: every size must be a whole number ≥ 0")]
    [InlineData("sizes whose product overflows", "network.layers.0.weight has shape [4611686018427387904, 4611686018427387904, 0]: more values than any file holds")]
    [InlineData("a tensor listed twice", "the checkpoint lists the tensor network.layers.1.bias twice")]
    [InlineData("a missing tensor", "the checkpoint has no tensor network.layers.1.bias")]
    [InlineData("weights of another shape", "network.layers.0.weight has shape [4, 4], the model's is [8, 2]")]
    [InlineData("points of another width", "points.interior has shape [25, 4], expected [N, 2]")]
    [InlineData("a sampling generator state torch would refuse", "the sampling generator state is not one torch accepts (its position left = 0 is outside [1, 624])")]
    [InlineData("a generator state that is not base64", "the state of the global random generator is not base64")]
    [InlineData("a manifest without a dtype", "the checkpoint's manifest has the dtype (none), not \"float64\" or \"float32\"")]
    [InlineData("a manifest whose stages are not a list", "the checkpoint's manifest has \"stages\" that are not a list")]
    [InlineData("a manifest whose problem is text", "the checkpoint's manifest has a \"problem\" that is not an object")]
    public void A_crafted_checkpoint_is_refused_naming_the_file_and_what_is_wrong(string craft, string message)
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("checkpoint.bin");
        var bytes = Crafts[craft](recorded);
        File.WriteAllBytes(file, bytes);
        var output = temp.Combine("resumed");

        var error = Should.Throw<InvalidDataException>(() => recorded.Resume(file, output));

        error.Message.ShouldStartWith(file + ": ");
        error.Message.ShouldContain(message.Replace("{length}", bytes.Length.ToString()).Replace("{whole}", recorded.Bytes.Length.ToString()));
        Directory.Exists(output).ShouldBeFalse("refused before the run wrote anything");
    }

    [Fact]
    public void The_crafting_helper_rebuilds_the_recorded_file_byte_for_byte()
    {
        recorded.Parts().ToBytes().ShouldBe(recorded.Bytes);
    }

    [Fact]
    public void An_untouched_checkpoint_resumes_to_the_end_of_its_budget()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("checkpoint.bin");
        File.WriteAllBytes(file, recorded.Bytes);

        var summary = recorded.Resume(file, temp.Combine("resumed"));

        summary.Steps.ShouldBe(RecordedCheckpoint.Steps + 2);
        summary.StoppedBecause.ShouldBe("budget: steps");
    }

    [Fact]
    public void A_format_1_checkpoint_without_a_checksum_still_resumes()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("checkpoint.bin");
        File.WriteAllBytes(file, recorded.Parts().ToBytes(version: 1));

        using (var point = ResumePoint.Load(file)) point.Progress.Step.ShouldBe(RecordedCheckpoint.Steps);
        recorded.Resume(file, temp.Combine("resumed")).Steps.ShouldBe(RecordedCheckpoint.Steps + 2);
    }

    [Fact]
    public void A_format_1_checkpoint_cut_short_is_refused_as_truncated()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("checkpoint.bin");
        var whole = recorded.Parts().ToBytes(version: 1);
        File.WriteAllBytes(file, whole[..^8]);

        var error = Should.Throw<InvalidDataException>(() => Checkpoint.Read(file));

        error.Message.ShouldBe($"{file}: truncated: {whole.Length - 8} bytes, the header describes {whole.Length}");
    }

    [Fact]
    public void A_checkpoint_written_again_reads_back_its_own_bytes_and_checksum()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Combine("again.bin");
        var (header, tensors) = Checkpoint.Read(recorded.File);

        Checkpoint.Write(file, header, tensors);

        File.ReadAllBytes(file).ShouldBe(recorded.Bytes);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        using var temp = new TemporaryDirectory();
        var target = temp.Combine("checkpoint.bin");
        Directory.CreateDirectory(target); // a folder where the file should go: the final move fails
        var tensors = new Dictionary<string, torch.Tensor> { ["x"] = torch.ones(3, dtype: torch.float64) };

        Record.Exception(() => Checkpoint.Write(target, new JsonObject(), tensors)).ShouldNotBeNull();

        Directory.Exists(target).ShouldBeTrue();
        Directory.GetFiles(temp.Path).ShouldBeEmpty();
        tensors["x"].Dispose();
    }

    [Fact]
    public void On_linux_the_folder_is_flushed_after_the_rename()
    {
        using var temp = new TemporaryDirectory();

        DirectorySync.TryFlush(temp.Path).ShouldBe(OperatingSystem.IsLinux());
    }

    private static int ValuesStart(byte[] bytes) => 20 + (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));

    private static byte[] Patched(byte[] bytes, Action<byte[]> patch)
    {
        patch(bytes);
        return bytes;
    }

    /// <summary>The recorded checkpoint changed by <paramref name="change"/>, with a checksum that matches.</summary>
    private static byte[] Crafted(RecordedCheckpoint recorded, Action<CheckpointFile> change)
    {
        var parts = recorded.Parts();
        change(parts);
        return parts.ToBytes();
    }
}
