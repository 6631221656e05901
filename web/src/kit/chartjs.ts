// Chart.js with only what the kit's charts draw (bars, lines, their scales, tooltip and legend):
// `chart.js/auto` would bring every controller and element. A new chart type registers its own
// controller and elements here.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

export default Chart;
