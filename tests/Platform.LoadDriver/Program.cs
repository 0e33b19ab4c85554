using Platform.LoadDriver;

// The benchmark suite: named scenarios on one or two topologies, each next to bare Kestrel. See README.md.
if (args.Length > 0 && args[0] == "baseline")
{
    await Baseline.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

return await Suite.RunAsync(options);
