using Platform.LoadDriver;

// A load driver for the contestant flow, loopback only, bounded in count and time. See README.md.
if (args.Length > 0 && args[0] == "baseline")
{
    await Baseline.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var options = DriverOptions.Parse(args);
return await Driver.RunAsync(options);
