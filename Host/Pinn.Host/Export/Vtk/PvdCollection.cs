namespace Pinn.Host.Export.Vtk;

/// <summary>A ParaView data collection (.pvd): one data set file per time, which ParaView plays as a time series.</summary>
internal static class PvdCollection
{
    /// <param name="w">Where to write.</param>
    /// <param name="steps">Each time with its file, relative to the .pvd's folder.</param>
    public static void Write(TextWriter w, IReadOnlyList<(double Time, string File)> steps)
    {
        w.WriteLine("<?xml version=\"1.0\"?>");
        w.WriteLine("<VTKFile type=\"Collection\" version=\"1.0\" byte_order=\"LittleEndian\">");
        w.WriteLine("  <Collection>");
        foreach (var (time, file) in steps)
            w.WriteLine($"    <DataSet timestep=\"{VtkXml.Format(time)}\" group=\"\" part=\"0\" file=\"{VtkXml.Escape(file)}\"/>");
        w.WriteLine("  </Collection>");
        VtkXml.End(w);
    }
}
