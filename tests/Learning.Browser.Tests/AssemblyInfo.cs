// Each browser test class starts its own server and Chromium; on 2 cores they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
